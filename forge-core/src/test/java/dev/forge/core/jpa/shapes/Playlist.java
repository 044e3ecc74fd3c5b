package dev.forge.core.jpa.shapes;

import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;

/** A unidirectional one-to-many with a join column: the column is on the other table. */
@Entity
public class Playlist {

	@Id
	Long id;

	@OneToMany
	@JoinColumn(name = "playlist_id")
	List<Song> songs;

}
