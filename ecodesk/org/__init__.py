"""Organization trust, offline: HQ's certificate authority (root, officer certificates, CRL), the trust
decisions every vault makes with it, and the HQ escrow key slot. Everything travels in the packages the vaults
already exchange; no server is involved."""
