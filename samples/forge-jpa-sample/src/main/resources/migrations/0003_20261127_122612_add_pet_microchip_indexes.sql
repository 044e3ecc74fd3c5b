-- Migration: 0003_20261127_122612_add_pet_microchip_indexes
-- Generated: 2026-11-27T12:26:12Z
-- forge:no-transaction

-- Up
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS pets_microchip_key ON pets (microchip);

-- Down
DROP INDEX CONCURRENTLY IF EXISTS pets_microchip_key;
