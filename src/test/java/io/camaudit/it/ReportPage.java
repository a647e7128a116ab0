package io.camaudit.it;

/** Parts of a written report page. */
final class ReportPage {

  private ReportPage() {}

  /** The page's {@code <section id="ID">}, to its end. */
  static String section(String page, String id) {
    int start = page.indexOf("<section id=\"" + id + "\">");
    if (start < 0) {
      throw new AssertionError("the report has no section " + id);
    }
    return page.substring(start, page.indexOf("</section>", start));
  }
}
