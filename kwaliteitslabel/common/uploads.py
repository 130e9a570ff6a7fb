"""Uploads are read in memory and never stored (issue 11, item 4).

Django's default handlers would write a file above FILE_UPLOAD_MAX_MEMORY_SIZE to a
temporary file and take any size; this one keeps at most UPLOAD_MAX_BYTES of each file in
memory and only counts the rest, so a too large file is refused by its size (the form's
validator names it) without the platform holding or writing it.
"""

from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class OversizedUpload(InMemoryUploadedFile):
    """A file that arrived larger than UPLOAD_MAX_BYTES: its name and size, no content."""

    truncated = True


class LimitedMemoryUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = BytesIO()
        self.over = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.UPLOAD_MAX_BYTES:
            # Read from the request (the fields after it still count) but not kept.
            self.over = True
            self.file = BytesIO()
        else:
            self.file.write(raw_data)
        return None

    def file_complete(self, file_size):
        kind = OversizedUpload if self.over else InMemoryUploadedFile
        self.file.seek(0)
        return kind(
            file=self.file,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
