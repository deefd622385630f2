-- POST one JSON body (BAKEOPS_BODY) to the URL's path.
wrk.method = "POST"
wrk.body = os.getenv("BAKEOPS_BODY")
wrk.headers["Content-Type"] = "application/json"
