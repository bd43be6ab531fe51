-- The Orleans ADO.NET providers read every statement they run from this catalogue at start-up
-- ("SELECT QueryKey, QueryText FROM OrleansQuery"), so the table name and both column names are part of the
-- provider contract. Each provider reads result columns by name and binds parameters by name (@Name).
CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);
