-- Grain state for Microsoft.Orleans.Persistence.AdoNet 10.4.2.
-- A row is identified by the service, the grain's state name (GrainTypeString: we give every grain type its own
-- state name, see docs/DESIGN.md) and the grain key split into N0/N1/extension. The payload is the serialized
-- state (System.Text.Json, UTF-8); Version is the ETag used for optimistic concurrency.
CREATE TABLE OrleansStorage
(
    GrainIdHash            integer       NOT NULL,
    GrainIdN0              bigint        NOT NULL,
    GrainIdN1              bigint        NOT NULL,
    GrainTypeHash          integer       NOT NULL,
    GrainTypeString        varchar(512)  NOT NULL,
    GrainIdExtensionString varchar(512)  NULL,
    ServiceId              varchar(150)  NOT NULL,
    PayloadBinary          bytea         NULL,
    ModifiedOn             timestamptz   NOT NULL DEFAULT now(),
    Version                integer       NOT NULL,
    CONSTRAINT uq_orleansstorage_grain UNIQUE NULLS NOT DISTINCT
        (ServiceId, GrainTypeString, GrainIdHash, GrainIdN0, GrainIdN1, GrainIdExtensionString)
);

-- Returns the new version on success. On a conflict it returns the caller's version (update path) or NULL
-- (first write), which the provider turns into an InconsistentStateException.
CREATE FUNCTION orleans_storage_write(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer,
    p_grain_type varchar, p_grain_id_extension varchar, p_service_id varchar, p_version integer, p_payload bytea)
RETURNS TABLE (NewGrainStateVersion integer)
LANGUAGE plpgsql AS
$body$
DECLARE
    v_written boolean;
BEGIN
    IF p_version IS NULL THEN
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
             PayloadBinary, ModifiedOn, Version)
        VALUES
            (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type, p_grain_id_extension,
             p_service_id, p_payload, now(), 1)
        ON CONFLICT ON CONSTRAINT uq_orleansstorage_grain DO NOTHING;
        v_written := FOUND;
        RETURN QUERY SELECT CASE WHEN v_written THEN 1 END;
        RETURN;
    END IF;

    UPDATE OrleansStorage
       SET PayloadBinary = p_payload, ModifiedOn = now(), Version = Version + 1
     WHERE ServiceId = p_service_id AND GrainTypeString = p_grain_type AND GrainIdHash = p_grain_id_hash
       AND GrainIdN0 = p_grain_id_n0 AND GrainIdN1 = p_grain_id_n1
       AND GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_extension
       AND Version = p_version;
    v_written := FOUND;
    RETURN QUERY SELECT CASE WHEN v_written THEN p_version + 1 ELSE p_version END;
END
$body$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', '
SELECT NewGrainStateVersion FROM orleans_storage_write(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
    @ServiceId, @GrainStateVersion, @PayloadBinary);'),

('ReadFromStorageKey', '
SELECT PayloadBinary, Version
  FROM OrleansStorage
 WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString AND GrainIdHash = @GrainIdHash
   AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;'),

('ClearStorageKey', '
UPDATE OrleansStorage
   SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
 WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString AND GrainIdHash = @GrainIdHash
   AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version;'),

-- Used only when a provider is configured with DeleteStateOnClear.
('DeleteStorageKey', '
DELETE FROM OrleansStorage
 WHERE ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString AND GrainIdHash = @GrainIdHash
   AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
   AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
   AND Version = @GrainStateVersion
RETURNING Version + 1;');
