"""The case's life around and after the preliminary assessment: the assessment clock, protective measures,
the submission to HQ, HQ's decisions and closure. The CLI (``ecodesk case ...``) and the GUI call these."""
