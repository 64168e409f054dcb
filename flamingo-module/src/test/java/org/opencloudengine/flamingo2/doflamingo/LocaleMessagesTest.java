package org.opencloudengine.flamingo2.doflamingo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every label exists in every language the menu names (ko, en, ja, zh), and none is empty. */
class LocaleMessagesTest {
  private static Properties load(String lang) throws Exception {
    String path = "META-INF/resources/doflamingo/locale/messages_" + lang + ".properties";
    try (InputStream in = LocaleMessagesTest.class.getClassLoader().getResourceAsStream(path)) {
      assertNotNull(in, path);
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8)); // served to the pages as UTF-8
      return p;
    }
  }

  @Test
  void everyLanguageHasEveryKey() throws Exception {
    Properties en = load("en");
    assertTrue(en.size() > 5);
    for (String lang : new String[] {"ko", "ja", "zh"}) {
      Properties p = load(lang);
      assertEquals(en.stringPropertyNames(), p.stringPropertyNames(), lang);
      for (String k : p.stringPropertyNames()) assertTrue(!p.getProperty(k).trim().isEmpty(), lang + " " + k);
    }
  }
}
