package dev.forge.core.jpa.shapes;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;

/** Large objects. */
@Entity
public class LobHolder {

	@Id
	Long id;

	@Lob
	String body;

	@Lob
	byte[] data;

}
