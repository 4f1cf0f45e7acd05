print("portal-cli")
