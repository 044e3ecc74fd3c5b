-- Migration: 0006_20261127_090000_add_user_legacy_email
-- The sample's previous release: users keep the address of the old sign-in, which the
-- models of the sample as it is no longer have (FleetContractIT).

-- Up
ALTER TABLE users ADD COLUMN legacy_email VARCHAR(320);

-- Down
ALTER TABLE users DROP COLUMN legacy_email;
