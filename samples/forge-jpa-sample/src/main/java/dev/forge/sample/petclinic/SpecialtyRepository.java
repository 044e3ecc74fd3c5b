package dev.forge.sample.petclinic;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The specialties.
 */
public interface SpecialtyRepository extends JpaRepository<Specialty, Integer> {

	Optional<Specialty> findByName(String name);

}
