package org.doflamingo.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceCollection;

/**
 * The servlet context's files: the {@code META-INF/resources} folder of every jar and directory on
 * the class path, as a Servlet 3.0 container serves those of the jars in WEB-INF/lib. Earlier
 * class path entries win when two hold the same file.
 */
final class StaticResources {
  static final String FOLDER = "META-INF/resources";

  private StaticResources() {
  }

  /** The folders as one resource, or null when no class path entry has one. */
  static Resource onClasspath(ClassLoader loader) {
    List<Resource> folders = new ArrayList<>();
    try {
      // Jars list the folder only when they hold an entry for it; Maven-built jars do.
      for (Enumeration<URL> urls = loader.getResources(FOLDER); urls.hasMoreElements(); ) {
        folders.add(Resource.newResource(urls.nextElement()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + FOLDER + " on the class path", e);
    }
    if (folders.isEmpty()) return null;
    if (folders.size() == 1) return folders.get(0);
    return new ResourceCollection(folders.toArray(new Resource[0]));
  }
}
