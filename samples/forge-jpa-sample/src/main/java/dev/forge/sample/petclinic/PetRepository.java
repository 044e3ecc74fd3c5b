package dev.forge.sample.petclinic;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The pets.
 */
public interface PetRepository extends JpaRepository<Pet, Integer> {

	List<Pet> findByOwnerIdOrderByName(Integer ownerId);

}
