-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet 10.4.2.
-- One version row per cluster (DeploymentId = ClusterId); every membership change bumps it, which is how the
-- provider detects concurrent writers (optimistic concurrency on the whole table).

CREATE TABLE OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL PRIMARY KEY,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0
);

CREATE TABLE OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL, -- 3 = Active, 6 = Dead (Orleans SiloStatus)
    ProxyPort    integer        NULL,     -- gateway port; 0 or NULL when the silo is no gateway
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Adds a silo row, but only together with a version bump from the version the caller read; otherwise nothing
-- changes and 0 is returned so the provider re-reads and retries.
CREATE FUNCTION orleans_membership_insert(
    p_deployment_id varchar, p_address varchar, p_port integer, p_generation integer,
    p_silo_name varchar, p_host_name varchar, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
RETURNS TABLE (row_count integer)
LANGUAGE plpgsql AS
$body$
BEGIN
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
         p_start_time, p_i_am_alive_time)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, Timestamp = now()
     WHERE DeploymentId = p_deployment_id AND Version = p_version AND Version < 2147483647;
    IF NOT FOUND THEN
        -- stale version: undo the insert above (the exception rolls back this block)
        RAISE EXCEPTION 'membership version moved on' USING ERRCODE = 'serialization_failure';
    END IF;

    RETURN QUERY SELECT 1;
EXCEPTION
    WHEN serialization_failure THEN
        RETURN QUERY SELECT 0;
END
$body$;

-- Updates a silo row together with a version bump, all or nothing.
CREATE FUNCTION orleans_membership_update(
    p_deployment_id varchar, p_address varchar, p_port integer, p_generation integer,
    p_status integer, p_suspect_times varchar, p_i_am_alive_time timestamptz, p_version integer)
RETURNS TABLE (row_count integer)
LANGUAGE plpgsql AS
$body$
BEGIN
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, Timestamp = now()
     WHERE DeploymentId = p_deployment_id AND Version = p_version AND Version < 2147483647;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    UPDATE OrleansMembershipTable
       SET Status = p_status,
           SuspectTimes = p_suspect_times,
           IAmAliveTime = GREATEST(IAmAliveTime, p_i_am_alive_time)
     WHERE DeploymentId = p_deployment_id AND Address = p_address AND Port = p_port AND Generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'membership row missing' USING ERRCODE = 'serialization_failure';
    END IF;

    RETURN QUERY SELECT 1;
EXCEPTION
    WHEN serialization_failure THEN
        RETURN QUERY SELECT 0;
END
$body$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1)
SELECT count(*)::integer AS row_count FROM created;'),

('InsertMembershipKey', '
SELECT row_count FROM orleans_membership_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
    @StartTime, @IAmAliveTime, @Version);'),

('UpdateMembershipKey', '
SELECT row_count FROM orleans_membership_update(
    @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);'),

-- Liveness heartbeat; never moves the time backwards (two writers for one row must not undo each other).
('UpdateIAmAlivetimeKey', '
UPDATE OrleansMembershipTable
   SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
 WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;'),

-- The version row is returned even when the silo row does not exist (LEFT JOIN).
('MembershipReadRowKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
  FROM OrleansMembershipVersionTable v
  LEFT JOIN OrleansMembershipTable m
    ON m.DeploymentId = v.DeploymentId
   AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
 WHERE v.DeploymentId = @DeploymentId;'),

('MembershipReadAllKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
  FROM OrleansMembershipVersionTable v
  LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
 WHERE v.DeploymentId = @DeploymentId;'),

('DeleteMembershipTableEntriesKey', '
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;'),

-- External clients (the web front end) find gateways here: active silos that listen for clients.
('GatewaysQueryKey', '
SELECT Address, ProxyPort, Generation
  FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;'),

-- Required by 10.4.2: prunes rows of silos that are no longer active and stopped heart-beating before the cut-off.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3;');
