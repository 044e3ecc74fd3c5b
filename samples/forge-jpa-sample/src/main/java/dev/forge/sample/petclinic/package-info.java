/**
 * A small pet clinic on Spring Data JPA (owners, pets and their visits, vets and their
 * specialties) whose schema FORGE Migrations generates from its entities. The entities'
 * fields are mutable and filled by Hibernate, so this package is not null-marked: an
 * identifier is {@code null} until the entity is saved.
 */
package dev.forge.sample.petclinic;
