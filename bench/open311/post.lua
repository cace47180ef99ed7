-- POST requests.json, form-encoded as GeoReport v2 says, with the benchmark app's key.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
wrk.body = "api_key=r311_benchmark&service_code=schlagloch&lat=53.2489&long=10.4064&description=Schlagloch+vor+Hausnummer+12"
