-- Durable reminders for Microsoft.Orleans.Reminders.AdoNet 10.4.2. GrainHash places a reminder on the ring of
-- silos; the range queries let each silo load the reminders it owns.
CREATE TABLE OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(255)   NOT NULL, -- wider than the 150 Orleans ships with (dotnet/orleans#9653)
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL, -- milliseconds
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX ix_orleansreminders_hash ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', '
INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
   SET StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash,
       Version = OrleansRemindersTable.Version + 1
RETURNING Version;'),

('ReadReminderRowsKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainId = @GrainId;'),

('ReadReminderRowKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;'),

-- The ring range (BeginHash, EndHash] when it does not wrap around ...
('ReadRangeRows1Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;'),

-- ... and when it does.
('ReadRangeRows2Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);'),

('DeleteReminderRowKey', '
WITH deleted AS (
    DELETE FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
    RETURNING 1)
SELECT count(*)::integer AS row_count FROM deleted;'),

('DeleteReminderRowsKey', '
DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;');
