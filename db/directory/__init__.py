"""The directory of providers and their services: the clerk's own records, fed by the imports.

`models` holds the tables, `records` the plain editable shape of a provider with its services,
`queries` lists, filters, loads, saves and ends them, `validation` checks a record with Czech
messages, `opening_hours` parses and prints opening hours, `demo` loads the fictional demo town.
"""
from db.directory.demo import DemoSummary, directory_is_empty, load_demo
from db.directory.models import (
    FeeKind, OpeningHours, Provider, Service, ServiceArea, ServiceForm, ServicePlace, ServiceStatus, Source,
)
from db.directory.queries import (
    STATUS_LABELS, DirectoryFilter, DirectoryListing, EditorChoices, FilterChoices, add_related_category,
    delete_provider, delete_service, editor_choices, end_services, filter_choices, list_directory,
    load_provider, save_provider,
)
from db.directory.records import FormRecord, OpeningInterval, PlaceRecord, ProviderRecord, ServiceRecord
from db.directory.validation import Problem, validate_provider

__all__ = [
    "STATUS_LABELS", "DemoSummary", "DirectoryFilter", "DirectoryListing", "EditorChoices", "FeeKind",
    "FilterChoices", "FormRecord", "OpeningHours", "OpeningInterval", "PlaceRecord", "Problem", "Provider",
    "ProviderRecord", "Service", "ServiceArea", "ServiceForm", "ServicePlace", "ServiceRecord", "ServiceStatus",
    "Source", "add_related_category", "delete_provider", "delete_service", "directory_is_empty",
    "editor_choices", "end_services", "filter_choices", "list_directory", "load_demo", "load_provider",
    "save_provider", "validate_provider",
]
