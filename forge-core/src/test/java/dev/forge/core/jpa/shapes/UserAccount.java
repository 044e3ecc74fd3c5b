package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;

/** A one-to-one: a unique foreign key column. */
@Entity
public class UserAccount {

	@Id
	Long id;

	@OneToOne
	@JoinColumn(name = "profile_id")
	Profile profile;

	@OneToOne(optional = false)
	Profile backupProfile;

}
