"""Reports and the dashboard: period picker, charts, exports."""
