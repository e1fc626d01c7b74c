"""The Programme page: the Yearly Declaration of Interest campaign and training/outreach sessions."""
