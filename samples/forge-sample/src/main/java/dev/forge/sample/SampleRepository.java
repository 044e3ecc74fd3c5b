package dev.forge.sample;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes users, projects and tasks with plain SQL.
 */
@Repository
public class SampleRepository {

	private final JdbcClient jdbc;

	SampleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public User createUser(String email, String name) {
		return this.jdbc.sql("INSERT INTO users (id, email, name) VALUES (:id, :email, :name) RETURNING *")
			.param("id", UUID.randomUUID())
			.param("email", email)
			.param("name", name)
			.query(User.class)
			.single();
	}

	public List<User> users() {
		return this.jdbc.sql("SELECT * FROM users ORDER BY created_at").query(User.class).list();
	}

	public Project createProject(String name, @Nullable String description, UUID ownerId) {
		return this.jdbc
			.sql("INSERT INTO projects (id, name, description, owner_id, word_count)"
					+ " VALUES (:id, :name, :description, :owner, :words) RETURNING *")
			.param("id", UUID.randomUUID())
			.param("name", name)
			.param("description", description)
			.param("words", Words.count(description))
			.param("owner", ownerId)
			.query(Project.class)
			.single();
	}

	public List<Project> projects() {
		return this.jdbc.sql("SELECT * FROM projects ORDER BY created_at DESC").query(Project.class).list();
	}

	public Task createTask(UUID projectId, String title) {
		return this.jdbc.sql("INSERT INTO tasks (id, project_id, title) VALUES (:id, :project, :title) RETURNING *")
			.param("id", UUID.randomUUID())
			.param("project", projectId)
			.param("title", title)
			.query(Task.class)
			.single();
	}

	public List<Task> tasks(UUID projectId) {
		return this.jdbc.sql("SELECT * FROM tasks WHERE project_id = :project ORDER BY created_at")
			.param("project", projectId)
			.query(Task.class)
			.list();
	}

}
