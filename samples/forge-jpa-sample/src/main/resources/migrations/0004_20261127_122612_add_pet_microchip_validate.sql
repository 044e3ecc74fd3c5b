-- Migration: 0004_20261127_122612_add_pet_microchip_validate
-- Generated: 2026-11-27T12:26:12Z

-- Up
ALTER TABLE pets ADD CONSTRAINT pets_microchip_key UNIQUE USING INDEX pets_microchip_key;

-- Down
ALTER TABLE pets DROP CONSTRAINT pets_microchip_key;
CREATE UNIQUE INDEX pets_microchip_key ON pets (microchip);
