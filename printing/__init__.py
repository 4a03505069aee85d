"""Document builders (ReportLab). They take plain data and a path; none of them imports Qt."""
