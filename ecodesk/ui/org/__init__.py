"""Organization trust: the HQ root, officer certificates, revocation and the HQ escrow slot."""
