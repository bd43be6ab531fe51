-- Tenants installed before tenant_ingress existed: their row, from the tenant grain's stored state (state name
-- 'tenant', integer key in GrainIdN1, System.Text.Json payload: Status as its number, hashes as base64). Without it
-- the web tier would refuse their webhooks until their credentials next change. Status 1 (active) and 2 (needs
-- re-authorisation) accept webhooks, 3 (uninstalled) answers 410 to the credentials it had (none are kept in the
-- state after an uninstall, so such a row refuses everything); 0 (never installed) gets no row. Rows the tenant
-- grains already wrote are left as they are.
INSERT INTO tenant_ingress (company_id, installed, pipedrive_credential_hash, maileon_token_hash)
SELECT s.GrainIdN1,
       t.status IN ('1', '2', 'Active', 'NeedsReauthorization'),
       decode(t.state ->> 'PipedriveCredentialHash', 'base64'),
       decode(t.state ->> 'MaileonTokenHash', 'base64')
  FROM OrleansStorage s
 CROSS JOIN LATERAL (SELECT convert_from(s.PayloadBinary, 'UTF8')::jsonb AS state) j
 CROSS JOIN LATERAL (SELECT j.state ->> 'Status' AS status, j.state) t
 WHERE s.GrainTypeString = 'tenant'
   AND s.PayloadBinary IS NOT NULL AND length(s.PayloadBinary) > 1 AND get_byte(s.PayloadBinary, 0) = 123
   AND t.status IN ('1', '2', '3', 'Active', 'NeedsReauthorization', 'Uninstalled')
ON CONFLICT (company_id) DO NOTHING;
