print("portal-http")
