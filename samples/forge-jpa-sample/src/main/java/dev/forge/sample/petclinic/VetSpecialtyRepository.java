package dev.forge.sample.petclinic;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Which vet has which specialty.
 */
public interface VetSpecialtyRepository extends JpaRepository<VetSpecialty, Integer> {

	List<VetSpecialty> findByVetIdOrderBySpecialtyName(Integer vetId);

}
