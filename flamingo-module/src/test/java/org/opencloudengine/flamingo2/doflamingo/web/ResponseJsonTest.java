package org.opencloudengine.flamingo2.doflamingo.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * The envelope as Flamingo 2 writes it (its Response and Error classes through its jsonConverter,
 * an ObjectMapper with INDENT_OUTPUT): fields in Flamingo's order, error, map and list never null.
 * java/server's OpenHostTest holds the host's copy of Flamingo's class to the same text.
 */
class ResponseJsonTest {
  private static final ObjectMapper FLAMINGO = new ObjectMapper().configure(SerializationFeature.INDENT_OUTPUT, true);

  @Test
  void aListAsFlamingoWritesIt() throws Exception {
    assertEquals("{\n"
        + "  \"success\" : true,\n"
        + "  \"total\" : 2,\n"
        + "  \"limit\" : 2,\n"
        + "  \"start\" : 0,\n"
        + "  \"error\" : {\n"
        + "    \"id\" : null,\n"
        + "    \"code\" : null,\n"
        + "    \"message\" : null,\n"
        + "    \"cause\" : null,\n"
        + "    \"exception\" : null\n"
        + "  },\n"
        + "  \"map\" : { },\n"
        + "  \"list\" : [ \"a\", \"b\" ],\n"
        + "  \"object\" : null\n"
        + "}", FLAMINGO.writeValueAsString(Response.list(Arrays.asList("a", "b"))));
  }

  @Test
  void aFailureHasAnEmptyListAndMap() throws Exception {
    assertEquals("{\n"
        + "  \"success\" : false,\n"
        + "  \"total\" : 0,\n"
        + "  \"limit\" : 0,\n"
        + "  \"start\" : 0,\n"
        + "  \"error\" : {\n"
        + "    \"id\" : null,\n"
        + "    \"code\" : \"NOT_RUNNING\",\n"
        + "    \"message\" : \"Doflamingo is not running: why\",\n"
        + "    \"cause\" : null,\n"
        + "    \"exception\" : null\n"
        + "  },\n"
        + "  \"map\" : { },\n"
        + "  \"list\" : [ ],\n"
        + "  \"object\" : null\n"
        + "}", FLAMINGO.writeValueAsString(Response.error("NOT_RUNNING", "Doflamingo is not running: why")));
  }

  @Test
  void anObjectLeavesListAndMapEmpty() throws Exception {
    String json = new ObjectMapper().writeValueAsString(Response.object(Collections.singletonMap("k", 1)));
    assertEquals("{\"success\":true,\"total\":0,\"limit\":0,\"start\":0,\"error\":{\"id\":null,\"code\":null,\"message\":null,"
        + "\"cause\":null,\"exception\":null},\"map\":{},\"list\":[],\"object\":{\"k\":1}}", json);
  }
}
