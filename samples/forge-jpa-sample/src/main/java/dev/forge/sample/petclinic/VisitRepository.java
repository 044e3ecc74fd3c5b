package dev.forge.sample.petclinic;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The visits.
 */
public interface VisitRepository extends JpaRepository<Visit, Integer> {

	List<Visit> findByPetIdOrderByVisitDate(Integer petId);

}
