-- wrk script: POST a WhatsApp Cloud API template message like the ones kado sends
-- (bench/dispatch/run.sh measures the stand-ins' own ceiling with it).
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer bench-token"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("WA_BODY") or '{"messaging_product":"whatsapp","to":"6281200000010"}'
