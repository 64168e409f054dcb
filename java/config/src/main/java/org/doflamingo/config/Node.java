package org.doflamingo.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON object being read, which knows its own path for error messages. Public for the sections
 * a host reads itself (the standalone server's {@code "web"}): they report errors as the rest do.
 */
public final class Node {
  private final JsonNode json;
  private final String path;

  public Node(JsonNode json, String path) {
    this.json = json;
    this.path = path;
  }

  String path() {
    return path;
  }

  private String at(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** Refuses members not in {@code known}: a misspelt option must not pass silently. */
  public Node only(String... known) throws ConfigException {
    Set<String> allowed = new TreeSet<>(java.util.Arrays.asList(known));
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) throw new ConfigException(at(name), "unknown setting; expected one of " + allowed);
    }
    return this;
  }

  /** The names of this object's members, in file order. */
  Iterator<String> fieldNames() {
    return json.fieldNames();
  }

  boolean has(String name) {
    return json.has(name) && !json.get(name).isNull();
  }

  String text(String name) throws ConfigException {
    if (!has(name)) throw new ConfigException(at(name), "is required");
    return optText(name, null);
  }

  public String optText(String name, String fallback) throws ConfigException {
    if (!has(name)) return fallback;
    JsonNode v = json.get(name);
    if (!v.isTextual()) throw new ConfigException(at(name), "expected a string, got " + describe(v));
    String s = v.asText().trim();
    if (s.isEmpty()) throw new ConfigException(at(name), "must not be empty");
    return s;
  }

  /** A list of non-empty strings; absent reads as empty. */
  List<String> optTexts(String name) throws ConfigException {
    List<String> out = new ArrayList<>();
    if (!has(name)) return out;
    JsonNode v = json.get(name);
    if (!v.isArray()) throw new ConfigException(at(name), "expected a list of strings [...], got " + describe(v));
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isTextual() || item.asText().trim().isEmpty()) {
        throw new ConfigException(at(name) + "[" + i + "]", "expected a non-empty string, got " + describe(item));
      }
      out.add(item.asText().trim());
    }
    return out;
  }

  /** A whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
  long optLong(String name, long fallback, long min, long max) throws ConfigException {
    if (!has(name)) return fallback;
    JsonNode v = json.get(name);
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      throw new ConfigException(at(name), "expected a whole number from " + min + " to " + max + ", got " + describe(v));
    }
    return v.asLong();
  }

  /** A secret: like optText, but an error never repeats the value. */
  String optSecret(String name) throws ConfigException {
    if (!has(name)) return null;
    JsonNode v = json.get(name);
    if (!v.isTextual() || v.asText().isEmpty()) throw new ConfigException(at(name), "expected a non-empty string");
    return v.asText();
  }

  int port(String name) throws ConfigException {
    if (!has(name)) throw new ConfigException(at(name), "is required (a port number 1-65535)");
    return optPort(name, 0);
  }

  /** A port number, or {@code fallback} (0: not configured) when absent. */
  public int optPort(String name, int fallback) throws ConfigException {
    if (!has(name)) return fallback;
    JsonNode v = json.get(name);
    if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 65535) {
      throw new ConfigException(at(name), "expected a port number 1-65535, got " + describe(v));
    }
    return v.asInt();
  }

  /**
   * An object of settings whose values are strings, numbers or booleans, as their text (an empty
   * string stays empty: some settings mean "off" by it); absent reads as empty. File order is kept.
   */
  java.util.Map<String, String> optScalars(String name) throws ConfigException {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    if (!has(name)) return out;
    JsonNode v = json.get(name);
    if (!v.isObject()) throw new ConfigException(at(name), "expected an object {...} of settings, got " + describe(v));
    for (Iterator<java.util.Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      java.util.Map.Entry<String, JsonNode> e = it.next();
      JsonNode item = e.getValue();
      if (!item.isTextual() && !item.isNumber() && !item.isBoolean()) {
        // the value is not repeated: it may be a secret
        throw new ConfigException(at(name) + "." + e.getKey(), "expected a string, number or boolean, got " + kind(item));
      }
      out.put(e.getKey(), item.asText());
    }
    return out;
  }

  /** A whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
  int optInt(String name, int fallback, int min, int max) throws ConfigException {
    if (!has(name)) return fallback;
    JsonNode v = json.get(name);
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      throw new ConfigException(at(name), "expected a whole number from " + min + " to " + max + ", got " + describe(v));
    }
    return v.asInt();
  }

  boolean optBoolean(String name, boolean fallback) throws ConfigException {
    if (!has(name)) return fallback;
    JsonNode v = json.get(name);
    if (!v.isBoolean()) throw new ConfigException(at(name), "expected true or false, got " + describe(v));
    return v.asBoolean();
  }

  Node object(String name) throws ConfigException {
    if (!has(name)) throw new ConfigException(at(name), "is required");
    return optObject(name);
  }

  /** The member as an object, or null when absent. */
  Node optObject(String name) throws ConfigException {
    if (!has(name)) return null;
    JsonNode v = json.get(name);
    if (!v.isObject()) throw new ConfigException(at(name), "expected an object {...}, got " + describe(v));
    return new Node(v, at(name));
  }

  /** The members of an array of objects; absent reads as empty. */
  public List<Node> objects(String name) throws ConfigException {
    List<Node> out = new ArrayList<>();
    if (!has(name)) return out;
    JsonNode v = json.get(name);
    if (!v.isArray()) throw new ConfigException(at(name), "expected a list [...], got " + describe(v));
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      String itemPath = at(name) + "[" + i + "]";
      if (!item.isObject()) throw new ConfigException(itemPath, "expected an object {...}, got " + describe(item));
      out.add(new Node(item, itemPath));
    }
    return out;
  }

  /** The member as the path of a file that exists and is readable now (stores, keytabs). */
  Path readableFile(String name) throws ConfigException {
    String text = text(name);
    Path path;
    try {
      path = Paths.get(text);
    } catch (InvalidPathException e) {
      throw error(name, "is not a valid path: " + e.getReason());
    }
    if (!Files.isRegularFile(path)) throw error(name, text + " does not exist or is not a file");
    if (!Files.isReadable(path)) throw error(name, text + " is not readable");
    return path;
  }

  public ConfigException error(String name, String problem) {
    return new ConfigException(name == null ? path : at(name), problem);
  }

  private static String describe(JsonNode v) {
    if (v.isTextual()) return "the string \"" + abbreviate(v.asText()) + "\"";
    if (v.isNumber()) return "the number " + v.asText();
    if (v.isBoolean()) return v.asText();
    if (v.isArray()) return "a list";
    if (v.isObject()) return "an object";
    return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static String kind(JsonNode v) {
    if (v.isArray()) return "a list";
    if (v.isObject()) return "an object";
    return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
