package dev.forge.sample;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small JSON API over users, projects and tasks.
 */
@RestController
class SampleController {

	private final SampleRepository repository;

	SampleController(SampleRepository repository) {
		this.repository = repository;
	}

	@GetMapping("/users")
	List<User> users() {
		return this.repository.users();
	}

	@PostMapping("/users")
	User createUser(@RequestBody NewUser user) {
		return this.repository.createUser(user.email(), user.name());
	}

	@GetMapping("/projects")
	List<Project> projects() {
		return this.repository.projects();
	}

	@PostMapping("/projects")
	Project createProject(@RequestBody NewProject project) {
		return this.repository.createProject(project.name(), project.description(), project.ownerId());
	}

	@GetMapping("/projects/{id}/tasks")
	List<Task> tasks(@PathVariable UUID id) {
		return this.repository.tasks(id);
	}

	@PostMapping("/projects/{id}/tasks")
	Task createTask(@PathVariable UUID id, @RequestBody NewTask task) {
		return this.repository.createTask(id, task.title());
	}

	record NewUser(String email, String name) {
	}

	record NewProject(String name, @Nullable String description, UUID ownerId) {
	}

	record NewTask(String title) {
	}

}
