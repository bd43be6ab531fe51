-- Work still to do is part of each grain's stored state (its outbox). The write function copies the state's
-- top-level "OutboxDueAt" into an indexed column, so one query finds the grains whose work is overdue — after a
-- silo crash nobody is running it — and the sweeper wakes them. It also gives operators outbox depth and age.
ALTER TABLE OrleansStorage ADD COLUMN OutboxDueAt timestamptz NULL;

CREATE INDEX ix_orleansstorage_outbox_due ON OrleansStorage (ServiceId, OutboxDueAt) WHERE OutboxDueAt IS NOT NULL;

-- JSON payloads only (the first byte is '{'); anything else leaves the column empty.
CREATE FUNCTION orleans_storage_outbox_due(p_payload bytea)
RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS
$body$
    SELECT CASE WHEN p_payload IS NOT NULL AND length(p_payload) > 1 AND get_byte(p_payload, 0) = 123
                THEN (convert_from(p_payload, 'UTF8')::jsonb ->> 'OutboxDueAt')::timestamptz END;
$body$;

CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer,
    p_grain_type varchar, p_grain_id_extension varchar, p_service_id varchar, p_version integer, p_payload bytea)
RETURNS TABLE (NewGrainStateVersion integer)
LANGUAGE plpgsql AS
$body$
DECLARE
    v_written boolean;
    v_due timestamptz := orleans_storage_outbox_due(p_payload);
BEGIN
    IF p_version IS NULL THEN
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
             PayloadBinary, ModifiedOn, Version, OutboxDueAt)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type, p_grain_id_extension,
             p_service_id, p_payload, now(), 1, v_due)
        ON CONFLICT ON CONSTRAINT uq_orleansstorage_grain DO NOTHING;
        v_written := FOUND;
        RETURN QUERY SELECT CASE WHEN v_written THEN 1 END;
        RETURN;
    END IF;

    UPDATE OrleansStorage
       SET PayloadBinary = p_payload, ModifiedOn = now(), Version = Version + 1, OutboxDueAt = v_due
     WHERE ServiceId = p_service_id AND GrainTypeString = p_grain_type AND GrainIdHash = p_grain_id_hash
       AND GrainIdN0 = p_grain_id_n0 AND GrainIdN1 = p_grain_id_n1
       AND GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_extension
       AND Version = p_version;
    v_written := FOUND;
    RETURN QUERY SELECT CASE WHEN v_written THEN p_version + 1 ELSE p_version END;
END
$body$;

-- A cleared state has no work left.
UPDATE OrleansQuery SET QueryText = '
UPDATE OrleansStorage
   SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1, OutboxDueAt = NULL
 WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString AND GrainIdHash = @GrainIdHash
   AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version;'
WHERE QueryKey = 'ClearStorageKey';
