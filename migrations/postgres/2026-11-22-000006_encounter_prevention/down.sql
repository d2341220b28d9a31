DROP TABLE encounter_prevented;
DROP TABLE encounter_group_members;
DROP TABLE encounter_groups;
