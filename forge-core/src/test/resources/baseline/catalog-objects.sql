-- Objects that the schema model of FORGE does not hold, added by BaselineIT on top of the
-- Kratos schema so that the baseline has to write each kind from the catalog.
CREATE TYPE delivery_state AS ENUM ('queued', 'sent', 'abandoned');
CREATE DOMAIN email_address AS text CONSTRAINT email_address_check CHECK (VALUE LIKE '%@%');
CREATE TYPE money_amount AS (currency char(3), cents bigint);
CREATE SEQUENCE invoice_numbers START WITH 1000 INCREMENT BY 10;
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
CREATE FUNCTION normalised_email(address text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT lower(trim(address))
$$;
CREATE TABLE deliveries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    legacy_id serial,
    invoice bigint NOT NULL DEFAULT nextval('invoice_numbers'),
    state delivery_state NOT NULL DEFAULT 'queued',
    recipient email_address NOT NULL,
    amount money_amount,
    cents_doubled bigint GENERATED ALWAYS AS ((amount).cents * 2) STORED,
    message_id uuid REFERENCES courier_messages (id) ON DELETE SET NULL,
    during tstzrange,
    updated_at timestamp NOT NULL DEFAULT now(),
    CONSTRAINT deliveries_positive_invoice CHECK (invoice > 0),
    CONSTRAINT deliveries_no_overlap EXCLUDE USING gist (during WITH &&)
);
CREATE INDEX deliveries_queued_idx ON deliveries (updated_at) WHERE state = 'queued';
CREATE INDEX deliveries_recipient_idx ON deliveries (normalised_email(recipient::text));
CREATE INDEX deliveries_recent_idx ON deliveries (updated_at DESC NULLS LAST) INCLUDE (state);
CREATE TRIGGER deliveries_touch BEFORE UPDATE ON deliveries FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE VIEW queued_deliveries AS SELECT id, recipient, updated_at FROM deliveries WHERE state = 'queued';
CREATE VIEW oldest_queued_delivery AS SELECT * FROM queued_deliveries ORDER BY updated_at LIMIT 1;
CREATE MATERIALIZED VIEW delivery_counts AS SELECT state, count(*) AS deliveries FROM deliveries GROUP BY state;
CREATE UNIQUE INDEX delivery_counts_state_idx ON delivery_counts (state);
COMMENT ON TABLE deliveries IS 'Messages handed to the mail provider';
COMMENT ON COLUMN deliveries.recipient IS 'Where it went';
CREATE POLICY deliveries_own ON deliveries USING (recipient::text = current_user);
ALTER TABLE deliveries ENABLE ROW LEVEL SECURITY;
