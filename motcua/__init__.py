"""MotCua: a province's public services, one-stop-shop, integration platform and reports."""
