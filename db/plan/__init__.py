"""The medium-term plan: priorities, measures and activities, funding, indicators and monitoring."""
