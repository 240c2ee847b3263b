package net.icqtransport.oscar.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * One owner's server-stored contact list (reference {@code ssi_item}): a master group (group id 0) listing
 * the group ids, groups listing their buddy item ids in TLV 0x00C8, buddies with TLV 0x0131 nickname. Ids are
 * handed out once and never change. Thread-safe.
 */
final class ContactList {
  /** The group contacts land in when none is named. */
  static final String DEFAULT_GROUP = "General";

  private final Map<String, Group> groups = new LinkedHashMap<>();
  private int nextGroupId = 1;
  private int nextItemId = 1;
  private long lastChange;

  /** The list as 13/06 sends it, and its last change time (unix seconds). */
  record Snapshot(List<SsiItem> items, long lastChange) {}

  private static final class Group {
    final String name;
    final int groupId;
    final Map<String, Buddy> buddies = new LinkedHashMap<>();

    Group(String name, int groupId) {
      this.name = name;
      this.groupId = groupId;
    }
  }

  private record Buddy(String screenName, String nickname, int itemId) {}

  /** Adds a contact to a group (created if new); adding it again to the same group updates the nickname. */
  synchronized void add(String contactScreenName, String nickname, String groupName) {
    String group = groupName == null || groupName.isBlank() ? DEFAULT_GROUP : groupName;
    Group target = groups.computeIfAbsent(group, name -> new Group(name, nextGroupId++));
    String key = ScreenNames.normalize(contactScreenName);
    Buddy existing = target.buddies.get(key);
    int itemId = existing != null ? existing.itemId() : nextItemId++;
    target.buddies.put(key, new Buddy(contactScreenName, nickname, itemId));
    lastChange = Math.max(lastChange + 1, System.currentTimeMillis() / 1000);
  }

  /** Normalized screen names of every contact in the list. */
  synchronized Set<String> contacts() {
    Set<String> result = new LinkedHashSet<>();
    groups.values().forEach(group -> result.addAll(group.buddies.keySet()));
    return result;
  }

  synchronized Snapshot snapshot() {
    List<SsiItem> items = new ArrayList<>();
    if (groups.isEmpty()) {
      return new Snapshot(items, lastChange);
    }
    items.add(new SsiItem("", 0, 0, SsiItem.TYPE_GROUP,
        TlvChain.of(new Tlv(SsiItem.TLV_MEMBER_IDS, ids(groups.values().stream().mapToInt(g -> g.groupId).toArray())))));
    for (Group group : groups.values()) {
      int[] members = group.buddies.values().stream().mapToInt(Buddy::itemId).toArray();
      TlvChain groupData = members.length == 0
          ? TlvChain.empty()
          : TlvChain.of(new Tlv(SsiItem.TLV_MEMBER_IDS, ids(members)));
      items.add(new SsiItem(group.name, group.groupId, 0, SsiItem.TYPE_GROUP, groupData));
      for (Buddy buddy : group.buddies.values()) {
        TlvChain buddyData = buddy.nickname() == null || buddy.nickname().isEmpty()
            ? TlvChain.empty()
            : TlvChain.of(Tlv.ofBytes(SsiItem.TLV_NICKNAME,
                buddy.nickname().getBytes(StandardCharsets.UTF_8)));
        items.add(new SsiItem(buddy.screenName(), group.groupId, buddy.itemId(), SsiItem.TYPE_BUDDY, buddyData));
      }
    }
    return new Snapshot(items, lastChange);
  }

  private static byte[] ids(int[] ids) {
    byte[] bytes = new byte[ids.length * 2];
    for (int i = 0; i < ids.length; i++) {
      bytes[2 * i] = (byte) (ids[i] >> 8);
      bytes[2 * i + 1] = (byte) ids[i];
    }
    return bytes;
  }
}
