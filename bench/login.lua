-- wrk script: every request signs in (argon2id verification on the server).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"bench@example.com","password":"benchmark correct horse battery"}'
