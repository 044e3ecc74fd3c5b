-- Migration: 0002_20261127_122612_add_pet_microchip
-- Generated: 2026-11-27T12:26:12Z

-- Up
ALTER TABLE pets ADD COLUMN microchip VARCHAR(15);

-- Down
ALTER TABLE pets DROP COLUMN microchip;
