package dev.forge.sample.petclinic;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The visits.
 */
public interface VisitRepository extends JpaRepository<Visit, Integer> {

}
