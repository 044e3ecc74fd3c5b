package dev.forge.sample.petclinic;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The kinds of pets.
 */
public interface PetTypeRepository extends JpaRepository<PetType, Integer> {

	Optional<PetType> findByName(String name);

}
