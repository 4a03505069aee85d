"""The printed directory of providers: the print dialog with preview, save and print."""
