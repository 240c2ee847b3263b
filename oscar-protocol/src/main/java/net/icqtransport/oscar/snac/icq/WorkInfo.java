package net.icqtransport.oscar.snac.icq;

import java.nio.charset.Charset;

/** SNAC(15,03)/07DA/00D2, work info (iserverd {@code snac_15_03_07da_00d2.txt}); strings are "" when empty. */
public record WorkInfo(String city, String state, String phone, String fax, String address, String zip,
    int country, String company, String department, String position, int occupation, String homePage) {

  public static WorkInfo parse(byte[] data, Charset codepage) {
    MetaReader in = new MetaReader(data, codepage, "work info (07DA/00D2)");
    String city = in.string("work city");
    String state = in.string("work state");
    String phone = in.string("work phone");
    String fax = in.string("work fax");
    String address = in.string("work address");
    String zip = in.string("work zip code");
    int country = in.u16("work country");
    String company = in.string("company");
    String department = in.string("department");
    String position = in.string("position");
    int occupation = in.u16("occupation");
    String homePage = in.string("work web page");
    return new WorkInfo(city, state, phone, fax, address, zip, country, company, department, position, occupation,
        homePage);
  }
}
