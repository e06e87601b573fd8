DROP TABLE api_tokens;
ALTER TABLE sessions DROP COLUMN stepped_up_at;
DROP TABLE mfa_challenges;
DROP TABLE backup_codes;
DROP TABLE totp_credentials;
