package dev.forge.sample.petclinic;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The vets.
 */
public interface VetRepository extends JpaRepository<Vet, Integer> {

}
