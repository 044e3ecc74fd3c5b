package dev.forge.sample.petclinic;

import java.util.List;

import dev.forge.sample.petclinic.PetClinic.OwnerForm;
import dev.forge.sample.petclinic.PetClinic.OwnerView;
import dev.forge.sample.petclinic.PetClinic.PetForm;
import dev.forge.sample.petclinic.PetClinic.PetView;
import dev.forge.sample.petclinic.PetClinic.VetForm;
import dev.forge.sample.petclinic.PetClinic.VetView;
import dev.forge.sample.petclinic.PetClinic.VisitForm;
import dev.forge.sample.petclinic.PetClinic.VisitView;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The clinic over HTTP: owners with their pets and visits, and the vets.
 */
@RestController
class PetClinicController {

	private final PetClinic clinic;

	PetClinicController(PetClinic clinic) {
		this.clinic = clinic;
	}

	@GetMapping("/owners")
	List<OwnerView> owners(@RequestParam(name = "lastName", defaultValue = "") String lastName) {
		return this.clinic.findOwners(lastName);
	}

	@PostMapping("/owners")
	OwnerView addOwner(@RequestBody OwnerForm owner) {
		return this.clinic.addOwner(owner);
	}

	@PostMapping("/owners/{ownerId}/pets")
	PetView addPet(@PathVariable int ownerId, @RequestBody PetForm pet) {
		return this.clinic.addPet(ownerId, pet);
	}

	@PostMapping("/pets/{petId}/visits")
	VisitView addVisit(@PathVariable int petId, @RequestBody VisitForm visit) {
		return this.clinic.addVisit(petId, visit);
	}

	@PostMapping("/vets")
	VetView addVet(@RequestBody VetForm vet) {
		return this.clinic.addVet(vet);
	}

	@GetMapping("/vets")
	List<VetView> vets() {
		return this.clinic.findVets();
	}

}
