-- Migration: 0001_20261127_121535_initial
-- Generated: 2026-11-27T12:15:35Z

-- Up
CREATE TABLE owners (
    id INTEGER NOT NULL,
    first_name VARCHAR(30) NOT NULL,
    last_name VARCHAR(30) NOT NULL,
    address VARCHAR(255) NOT NULL,
    city VARCHAR(80) NOT NULL,
    telephone VARCHAR(20) NOT NULL,
    CONSTRAINT owners_pkey PRIMARY KEY (id)
);
CREATE INDEX owners_last_name_idx ON owners (last_name);
CREATE TABLE specialties (
    id INTEGER NOT NULL,
    name VARCHAR(80) NOT NULL,
    CONSTRAINT specialties_pkey PRIMARY KEY (id),
    CONSTRAINT specialties_name_key UNIQUE (name)
);
CREATE TABLE types (
    id INTEGER NOT NULL,
    name VARCHAR(80) NOT NULL,
    CONSTRAINT types_pkey PRIMARY KEY (id),
    CONSTRAINT types_name_key UNIQUE (name)
);
CREATE TABLE pets (
    id INTEGER NOT NULL,
    name VARCHAR(80) NOT NULL,
    birth_date DATE,
    type_id INTEGER NOT NULL,
    owner_id INTEGER NOT NULL,
    CONSTRAINT pets_pkey PRIMARY KEY (id)
);
CREATE TABLE vets (
    id INTEGER NOT NULL,
    first_name VARCHAR(30) NOT NULL,
    last_name VARCHAR(30) NOT NULL,
    CONSTRAINT vets_pkey PRIMARY KEY (id)
);
CREATE TABLE vet_specialties (
    vet_id INTEGER NOT NULL,
    specialty_id INTEGER NOT NULL,
    CONSTRAINT vet_specialties_pkey PRIMARY KEY (vet_id, specialty_id)
);
CREATE TABLE visits (
    id INTEGER NOT NULL,
    visit_date DATE NOT NULL,
    description VARCHAR(255) NOT NULL,
    pet_id INTEGER NOT NULL,
    CONSTRAINT visits_pkey PRIMARY KEY (id)
);
ALTER TABLE pets ADD CONSTRAINT pets_type_id_fkey FOREIGN KEY (type_id) REFERENCES types (id);
ALTER TABLE pets ADD CONSTRAINT pets_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES owners (id);
ALTER TABLE vet_specialties ADD CONSTRAINT vet_specialties_vet_id_fkey FOREIGN KEY (vet_id) REFERENCES vets (id);
ALTER TABLE vet_specialties ADD CONSTRAINT vet_specialties_specialty_id_fkey FOREIGN KEY (specialty_id) REFERENCES specialties (id);
ALTER TABLE visits ADD CONSTRAINT visits_pet_id_fkey FOREIGN KEY (pet_id) REFERENCES pets (id);

-- Down
ALTER TABLE visits DROP CONSTRAINT visits_pet_id_fkey;
ALTER TABLE vet_specialties DROP CONSTRAINT vet_specialties_specialty_id_fkey;
ALTER TABLE vet_specialties DROP CONSTRAINT vet_specialties_vet_id_fkey;
ALTER TABLE pets DROP CONSTRAINT pets_owner_id_fkey;
ALTER TABLE pets DROP CONSTRAINT pets_type_id_fkey;
DROP TABLE visits;
DROP TABLE vet_specialties;
DROP TABLE vets;
DROP TABLE pets;
DROP TABLE types;
DROP TABLE specialties;
DROP TABLE owners;
