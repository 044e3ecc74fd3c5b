package dev.forge.sample.petclinic;

import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the clinic's desk does: registers owners, their pets and the pets' visits, and
 * shows owners with their pets, each pet with its visits.
 */
@Service
public class PetClinic {

	private final OwnerRepository owners;

	private final PetRepository pets;

	private final PetTypeRepository petTypes;

	private final VisitRepository visits;

	private final VetRepository vets;

	private final SpecialtyRepository specialties;

	PetClinic(OwnerRepository owners, PetRepository pets, PetTypeRepository petTypes, VisitRepository visits,
			VetRepository vets, SpecialtyRepository specialties) {
		this.owners = owners;
		this.pets = pets;
		this.petTypes = petTypes;
		this.visits = visits;
		this.vets = vets;
		this.specialties = specialties;
	}

	@Transactional
	public OwnerView addOwner(OwnerForm form) {
		return view(this.owners.save(new Owner(form.firstName(), form.lastName(), form.address(), form.city(),
				form.telephone())));
	}

	@Transactional
	public PetView addPet(int ownerId, PetForm form) {
		Owner owner = this.owners.findById(ownerId)
			.orElseThrow(() -> new NoSuchElementException("No owner with id " + ownerId));
		// a kind of pet the clinic has not seen yet is added on first use
		PetType type = this.petTypes.findByName(form.type()).orElseGet(() -> this.petTypes.save(new PetType(form.type())));
		Pet pet = new Pet(form.name(), form.birthDate(), type, owner);
		pet.setMicrochip(form.microchip());
		this.pets.save(pet);
		owner.getPets().add(pet);
		return view(pet);
	}

	@Transactional
	public VisitView addVisit(int petId, VisitForm form) {
		Pet pet = this.pets.findById(petId).orElseThrow(() -> new NoSuchElementException("No pet with id " + petId));
		Visit visit = this.visits.save(new Visit(pet, form.date(), form.description()));
		pet.getVisits().add(visit);
		return view(visit);
	}

	@Transactional
	public VetView addVet(VetForm form) {
		Vet vet = new Vet(form.firstName(), form.lastName());
		for (String name : form.specialties()) {
			vet.getSpecialties()
				.add(this.specialties.findByName(name).orElseGet(() -> this.specialties.save(new Specialty(name))));
		}
		return view(this.vets.save(vet));
	}

	@Transactional(readOnly = true)
	public List<OwnerView> findOwners(String lastNamePrefix) {
		return this.owners.findByLastNameStartingWithOrderByLastNameAscFirstNameAsc(lastNamePrefix)
			.stream()
			.map(this::view)
			.toList();
	}

	@Transactional(readOnly = true)
	public List<VetView> findVets() {
		return this.vets.findAll().stream().map(this::view).toList();
	}

	private OwnerView view(Owner owner) {
		return new OwnerView(owner.getId(), owner.getFirstName(), owner.getLastName(), owner.getAddress(),
				owner.getCity(), owner.getTelephone(), owner.getPets().stream().map(this::view).toList());
	}

	private PetView view(Pet pet) {
		return new PetView(pet.getId(), pet.getName(), pet.getType().getName(), pet.getBirthDate(),
				pet.getMicrochip(), pet.getVisits().stream().map(this::view).toList());
	}

	private VisitView view(Visit visit) {
		return new VisitView(visit.getId(), visit.getVisitDate(), visit.getDescription());
	}

	private VetView view(Vet vet) {
		return new VetView(vet.getId(), vet.getFirstName(), vet.getLastName(),
				vet.getSpecialties().stream().map(Specialty::getName).sorted().toList());
	}

	public record OwnerForm(String firstName, String lastName, String address, String city, String telephone) {
	}

	public record PetForm(String name, @Nullable LocalDate birthDate, String type, @Nullable String microchip) {
	}

	public record VisitForm(LocalDate date, String description) {
	}

	public record VetForm(String firstName, String lastName, List<String> specialties) {
	}

	public record OwnerView(Integer id, String firstName, String lastName, String address, String city,
			String telephone, List<PetView> pets) {
	}

	public record PetView(Integer id, String name, String type, @Nullable LocalDate birthDate,
			@Nullable String microchip, List<VisitView> visits) {
	}

	public record VisitView(Integer id, LocalDate date, String description) {
	}

	public record VetView(Integer id, String firstName, String lastName, List<String> specialties) {
	}

}
