// One schema for both backends; `tests/schema_drift.rs` checks it against the migrations.
diesel::table! {
    schools (id) {
        id -> Text,
        name -> Text,
        time_zone -> Text,
        default_pass_minutes -> Integer,
        overtime_buffer_minutes -> Integer,
        hallway_capacity -> Nullable<Integer>,
        profile_pictures_enabled -> Bool,
        emergency_active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        pass_limit_per_day -> Nullable<Integer>,
        pass_limit_count_staff_created -> Bool,
        accounts_version -> BigInt,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        school_id -> Nullable<Text>,
        role -> Text,
        status -> Text,
        first_name -> Text,
        last_name -> Text,
        email -> Nullable<Text>,
        email_key -> Nullable<Text>,
        school_identifier -> Nullable<Text>,
        grade -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        must_change_password -> Bool,
        source -> Text,
        activated_at -> Nullable<Timestamp>,
        hide_profile_pictures -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        search_key -> Text,
        pin_hash -> Nullable<Text>,
        pass_limit_per_day -> Nullable<Integer>,
        invite_code -> Nullable<Text>,
        picture_version -> Nullable<Text>,
        import_source -> Nullable<Text>,
        external_id -> Nullable<Text>,
    }
}

diesel::table! {
    parent_students (parent_id, student_id) {
        parent_id -> Text,
        student_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    rooms (id) {
        id -> Text,
        school_id -> Text,
        name -> Text,
        number -> Nullable<Text>,
        category -> Nullable<Text>,
        one_way -> Bool,
        round_trip -> Bool,
        default_minutes -> Integer,
        max_minutes -> Integer,
        capacity -> Nullable<Integer>,
        restricted_now -> Bool,
        restricted_future -> Bool,
        end_requires_code -> Bool,
        enabled -> Bool,
        code_secret -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    room_teachers (room_id, teacher_id) {
        room_id -> Text,
        teacher_id -> Text,
    }
}

diesel::table! {
    user_permissions (user_id, permission) {
        user_id -> Text,
        permission -> Text,
    }
}

diesel::table! {
    assistant_teachers (assistant_id, teacher_id) {
        assistant_id -> Text,
        teacher_id -> Text,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        user_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    passes (id) {
        id -> Text,
        school_id -> Text,
        student_id -> Text,
        origin_room_id -> Text,
        destination_room_id -> Text,
        travel_type -> Text,
        duration_minutes -> Integer,
        state -> Text,
        start_at -> Nullable<Timestamp>,
        started_at -> Nullable<Timestamp>,
        expected_end_at -> Nullable<Timestamp>,
        ended_at -> Nullable<Timestamp>,
        ended_reason -> Nullable<Text>,
        created_by -> Nullable<Text>,
        approved_by -> Nullable<Text>,
        message -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        limit_override -> Bool,
        turn_expires_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    event_tickets (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    pass_limit_excluded_rooms (room_id) {
        room_id -> Text,
        school_id -> Text,
    }
}

diesel::table! {
    encounter_groups (id) {
        id -> Text,
        school_id -> Text,
        name -> Text,
        enabled -> Bool,
        notes -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    encounter_group_members (group_id, student_id) {
        group_id -> Text,
        student_id -> Text,
    }
}

diesel::table! {
    encounter_prevented (id) {
        id -> Text,
        school_id -> Text,
        group_id -> Nullable<Text>,
        student_id -> Text,
        other_student_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    jobs (id) {
        id -> Text,
        school_id -> Text,
        kind -> Text,
        state -> Text,
        progress_done -> BigInt,
        progress_total -> BigInt,
        result -> Nullable<Text>,
        error_code -> Nullable<Text>,
        error_message -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        lease_owner -> Nullable<Text>,
        lease_expires_at -> Nullable<Timestamp>,
        attempts -> Integer,
    }
}

diesel::table! {
    upload_chunks (upload_id, part, seq) {
        upload_id -> Text,
        part -> Integer,
        seq -> Integer,
        bytes -> Binary,
        created_at -> Timestamp,
    }
}

diesel::table! {
    job_files (job_id, part) {
        job_id -> Text,
        part -> Integer,
        field -> Text,
        name -> Text,
        size -> BigInt,
    }
}

diesel::table! {
    profile_pictures (user_id) {
        user_id -> Text,
        school_id -> Text,
        content_type -> Text,
        bytes -> Binary,
        version -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    import_changes (job_id, seq) {
        job_id -> Text,
        seq -> Integer,
        kind -> Text,
        user_id -> Nullable<Text>,
        external_id -> Nullable<Text>,
        file -> Nullable<Text>,
        line -> Nullable<BigInt>,
        data -> Text,
    }
}

diesel::table! {
    roster_imports (job_id) {
        job_id -> Text,
        source -> Text,
        format -> Nullable<Text>,
        role -> Nullable<Text>,
        mode -> Text,
        org -> Nullable<Text>,
        strict -> Bool,
        file_name -> Nullable<Text>,
        pulled -> Bool,
        auto_apply -> Bool,
        applied_by -> Nullable<Text>,
        applied_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    oneroster_connections (school_id) {
        school_id -> Text,
        base_url -> Text,
        token_url -> Text,
        client_id -> Text,
        client_secret -> Text,
        org_sourced_id -> Nullable<Text>,
        every_minutes -> Nullable<Integer>,
        mode -> Text,
        auto_apply -> Bool,
        last_job_id -> Nullable<Text>,
        last_sync_at -> Nullable<Timestamp>,
        next_sync_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(users -> schools (school_id));
diesel::joinable!(import_changes -> jobs (job_id));
diesel::joinable!(roster_imports -> jobs (job_id));
diesel::joinable!(encounter_group_members -> encounter_groups (group_id));
diesel::joinable!(encounter_prevented -> encounter_groups (group_id));
diesel::joinable!(user_permissions -> users (user_id));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(rooms -> schools (school_id));
diesel::joinable!(passes -> schools (school_id));
diesel::joinable!(room_teachers -> rooms (room_id));
diesel::joinable!(job_files -> jobs (job_id));
diesel::joinable!(profile_pictures -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    import_changes,
    roster_imports,
    oneroster_connections,
    jobs,
    job_files,
    upload_chunks,
    profile_pictures,
    schools,
    users,
    user_permissions,
    assistant_teachers,
    refresh_tokens,
    rooms,
    room_teachers,
    passes,
    pass_limit_excluded_rooms,
    encounter_groups,
    encounter_group_members,
    encounter_prevented,
    event_tickets,
    parent_students,
);
