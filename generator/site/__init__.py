"""The MkDocs side: the plugin, publishing, the render cache, helpers on every core, search."""
