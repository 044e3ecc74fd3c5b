/**
 * The FORGE dashboard: a servlet that serves a small web page (HTML, CSS and JavaScript
 * shipped in this jar) and the JSON API it talks to, for reviewing, applying and rolling
 * back migrations, checking drift and, when enabled, running SQL.
 */
@NullMarked
package dev.forge.boot.dashboard;

import org.jspecify.annotations.NullMarked;
